import { stringify as toYaml } from 'yaml';

export type DocFormat = 'json' | 'yaml' | 'html';

export const ASSETS_PATH = '/api/v1/docs/assets';

export interface Rendered {
  contentType: string;
  body: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The document as JSON or YAML, or the Swagger UI page that loads it from `documentUrl`. */
export function render(
  doc: unknown,
  format: DocFormat,
  page: { title: string; documentUrl: string },
): Rendered {
  switch (format) {
    case 'json':
      return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(doc) };
    case 'yaml':
      return {
        contentType: 'application/yaml; charset=utf-8',
        body: toYaml(doc, { aliasDuplicateObjects: false }),
      };
    case 'html':
      return { contentType: 'text/html; charset=utf-8', body: swaggerPage(page) };
  }
}

/** Swagger UI from the gateway's own copy of swagger-ui-dist: no CDN, no inline script. */
function swaggerPage(page: { title: string; documentUrl: string }): string {
  const title = escapeHtml(page.title);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${title}</title>
    <link rel="stylesheet" href="${ASSETS_PATH}/swagger-ui.css" />
    <link rel="icon" type="image/png" href="${ASSETS_PATH}/favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui" data-url="${escapeHtml(page.documentUrl)}"></div>
    <script src="${ASSETS_PATH}/swagger-ui-bundle.js"></script>
    <script src="${ASSETS_PATH}/swagger-ui-standalone-preset.js"></script>
    <script src="${ASSETS_PATH}/portico-docs.js"></script>
  </body>
</html>
`;
}
