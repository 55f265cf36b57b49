// The Kuzu side of bench/compare: reads one Cypher statement per line on standard input and
// answers each with one JSON line, {"ms", "columns", "rows"} or {"error"}, the same protocol as
// quiver_query_runner --serve. The database stays open between statements.
//
// Usage: node kuzu_runner.js DB_PATH
// Kuzu is loaded from the node_modules folder beside this script (bench/compare/run installs it).
'use strict';
const path = require('path');
const readline = require('readline');
const kuzu = require(path.join(__dirname, 'node_modules', 'kuzu'));

function toJson(value) {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
    return out;
  }
  return value;
}

function runOnce(connection, statement) {
  const start = process.hrtime.bigint();
  let result = connection.querySync(statement);
  if (Array.isArray(result)) result = result[result.length - 1];
  const columns = result.getColumnNamesSync();
  const rows = result.getAllSync().map((row) => columns.map((c) => toJson(row[c])));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  result.close();
  return { ms, columns, rows };
}

function main() {
  if (process.argv.length !== 3) {
    process.stderr.write('usage: node kuzu_runner.js DB_PATH\n');
    process.exit(2);
  }
  const database = new kuzu.Database(process.argv[2]);
  const connection = new kuzu.Connection(database);
  const lines = readline.createInterface({ input: process.stdin, terminal: false });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
    let answer;
    try {
      answer = runOnce(connection, line);
    } catch (e) {
      answer = { error: String(e.message || e) };
    }
    process.stdout.write(JSON.stringify(answer) + '\n');
  });
  lines.on('close', () => {
    connection.closeSync();
    database.closeSync();
  });
}

main();
