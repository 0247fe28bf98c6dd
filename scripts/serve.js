/**
 * Serving the add-in's built files the way Office needs them, shared by `npm start` and the
 * hosting test (deploy/ holds the same rules for IIS and nginx):
 *  - functions.json as application/json with `Access-Control-Allow-Origin: *`: Excel on the web
 *    fetches it from another origin, and without both every CDS. cell shows #NAME?
 *    (https://learn.microsoft.com/office/dev/add-ins/publish/publish-add-in-vs-code#deploy-custom-functions-for-excel);
 *  - every other file with its type (and the same CORS header: they are public static files);
 *  - development: nothing cached, so a rebuild is seen at once.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The response headers for a file. */
function headersFor(file) {
  return {
    'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
    'access-control-allow-origin': '*',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  };
}

/** A request handler serving the files under `dir` ("/" is taskpane.html); anything else is 404. */
function createHandler(dir) {
  const root = path.resolve(dir);
  return (req, res) => {
    let rel;
    try {
      rel = decodeURIComponent((req.url || '/').split('?')[0]);
    } catch {
      res.writeHead(400);
      return res.end();
    }
    const file = path.join(root, rel === '/' ? 'taskpane.html' : path.normalize(rel));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { 'access-control-allow-origin': '*' });
      return res.end();
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...headersFor(file), 'access-control-allow-methods': 'GET, HEAD, OPTIONS' });
      return res.end();
    }
    res.writeHead(200, headersFor(file));
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  };
}

module.exports = { createHandler, headersFor, TYPES };
