// Connects to a TDS server with tedious, runs one query and prints the outcome as one JSON line.
// Usage: node run-query.js '<json config>'
//   config: { host, port, user, password, encrypt: false|true|"strict", trustServerCertificate,
//             ca: "/path/ca.pem", serverName: "name for SNI and certificate checks", query,
//             rpc: true to send the query as sp_executesql instead of an SQL batch,
//             token: an access token, sent with authentication azure-active-directory-access-token,
//             cert, key: PEM files of a client certificate and its key (TLS client authentication) }
'use strict';
const fs = require('fs');
const { Connection, Request } = require('tedious');

const cfg = JSON.parse(process.argv[2]);
const options = {
  port: cfg.port,
  encrypt: cfg.encrypt,
  trustServerCertificate: !!cfg.trustServerCertificate,
  connectTimeout: 15000,
  requestTimeout: 15000,
  rowCollectionOnRequestCompletion: true,
};
if (cfg.ca) {
  options.cryptoCredentialsDetails = { ca: fs.readFileSync(cfg.ca) };
}
if (cfg.cert) {
  options.cryptoCredentialsDetails = Object.assign(options.cryptoCredentialsDetails || {},
    { cert: fs.readFileSync(cfg.cert), key: fs.readFileSync(cfg.key) });
}
if (cfg.serverName) {
  options.serverName = cfg.serverName;
}
const authentication = cfg.token
  ? { type: 'azure-active-directory-access-token', options: { token: cfg.token } }
  : { type: 'default', options: { userName: cfg.user, password: cfg.password } };
const connection = new Connection({ server: cfg.host, authentication, options });

function finish(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
  try { connection.close(); } catch (e) { /* already closed */ }
  setTimeout(() => process.exit(0), 50);
}

connection.on('connect', (err) => {
  if (err) {
    finish({ ok: false, stage: 'connect', error: String(err.message || err), code: err.code || '' });
    return;
  }
  const request = new Request(cfg.query, (qerr, rowCount, rows) => {
    if (qerr) {
      finish({ ok: false, stage: 'query', error: String(qerr.message || qerr), number: qerr.number || 0 });
      return;
    }
    finish({ ok: true, rows: (rows || []).map((r) => r.map((c) => c.value === null ? null : String(c.value))) });
  });
  // execSql sends an RPC (sp_executesql); execSqlBatch sends an SQL batch.
  if (cfg.rpc) {
    connection.execSql(request);
  } else {
    connection.execSqlBatch(request);
  }
});
connection.on('error', (err) => finish({ ok: false, stage: 'error', error: String(err.message || err) }));
connection.connect();
