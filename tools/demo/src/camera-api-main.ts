import { startCameraApi } from './camera-api';

// `node tools/demo/camera-api.mjs [port]`: the sample upstream on its own (default port 4010).
const port = Number(process.argv[2] ?? process.env['PORT'] ?? 4010);
startCameraApi(port).then(
  (api) => {
    process.stdout.write(
      `camera API on ${api.url}: GET /cameras, /cameras/{id}, /counting-results (Ctrl-C stops it)\n`,
    );
    const stop = () => void api.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (err: unknown) => {
    process.stderr.write(`camera API: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
