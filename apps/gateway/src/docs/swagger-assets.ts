import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { PorticoError } from '@portico/contracts';

/** Starts Swagger UI on the page's `data-url`; a file, so the page needs no inline script. */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  var el = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: el.getAttribute('data-url'),
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
});
`;

/** The files the page uses, from the swagger-ui-dist package; nothing else is served. */
const FILES: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};

export interface Asset {
  contentType: string;
  body: Buffer;
}

@Injectable()
export class SwaggerAssets {
  private readonly dir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  private readonly loaded = new Map<string, Promise<Asset>>();

  /** One asset by file name; NOT_FOUND for anything that is not on the list. */
  get(file: string): Promise<Asset> {
    if (file === 'portico-docs.js') {
      return Promise.resolve({
        contentType: 'text/javascript; charset=utf-8',
        body: Buffer.from(INIT_SCRIPT),
      });
    }
    const contentType = Object.prototype.hasOwnProperty.call(FILES, file) ? FILES[file] : undefined;
    if (!contentType) return Promise.reject(PorticoError.notFound('Docs asset', file));
    let asset = this.loaded.get(file);
    if (!asset) {
      asset = readFile(path.join(this.dir, file)).then((body) => ({ contentType, body }));
      this.loaded.set(file, asset);
      asset.catch(() => this.loaded.delete(file));
    }
    return asset;
  }
}
