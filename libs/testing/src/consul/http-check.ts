import http from 'node:http';
import https from 'node:https';

export type ConsulCheckStatus = 'passing' | 'warning' | 'critical';

export interface HttpCheckSpec {
  url: string;
  method: string;
  headers: Record<string, string[]>;
  intervalMs: number;
  timeoutMs: number;
  tlsSkipVerify: boolean;
}

const MAX_OUTPUT = 4 * 1024;

/**
 * Runs one HTTP check the way a Consul agent does: first run after a random stagger within the
 * interval, then every interval; 2xx is passing, 429 warning, anything else (or no answer within
 * the timeout) critical. Keep-alive is off, as in Consul, so a check never holds a connection to the
 * app under test open.
 */
export class HttpCheckRunner {
  private timer?: NodeJS.Timeout;
  private request?: http.ClientRequest;
  private stopped = false;

  constructor(private readonly spec: HttpCheckSpec) {}

  start(report: (status: ConsulCheckStatus, output: string) => void): void {
    const loop = (delay: number) => {
      if (this.stopped) return;
      this.timer = setTimeout(async () => {
        const [status, output] = await this.probe();
        if (this.stopped) return;
        report(status, output);
        loop(this.spec.intervalMs);
      }, delay);
    };
    loop(Math.random() * this.spec.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.request?.destroy();
  }

  private probe(): Promise<[ConsulCheckStatus, string]> {
    const { url, method, timeoutMs } = this.spec;
    return new Promise((resolve) => {
      let settled = false;
      const done = (status: ConsulCheckStatus, output: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.request = undefined;
        resolve([status, output]);
      };
      const timer = setTimeout(() => {
        req.destroy();
        done('critical', `${method} "${url}": context deadline exceeded (Client.Timeout exceeded)`);
      }, timeoutMs);
      const headers: Record<string, string | string[]> = {
        'User-Agent': 'Consul Health Check',
        Accept: 'text/plain, text/*, */*',
        Connection: 'close',
        ...this.spec.headers,
      };
      const client = url.startsWith('https:') ? https : http;
      const req = client.request(url, {
        method,
        headers,
        agent: false,
        rejectUnauthorized: !this.spec.tlsSkipVerify,
      });
      this.request = req;
      req.on('error', (err) => done('critical', `${method} "${url}": ${err.message}`));
      req.on('response', (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < MAX_OUTPUT) body += chunk.slice(0, MAX_OUTPUT - body.length);
        });
        res.on('error', (err) => done('critical', `${method} "${url}": ${err.message}`));
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          const output = `HTTP ${method} ${url}: ${code} ${res.statusMessage ?? ''} Output: ${body}`;
          done(
            code >= 200 && code < 300 ? 'passing' : code === 429 ? 'warning' : 'critical',
            output,
          );
        });
      });
      req.end();
    });
  }
}
