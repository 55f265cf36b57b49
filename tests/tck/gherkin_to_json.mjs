// Converts every .feature file under a folder into one JSON document that Quiver's C++ TCK
// library (tck_suite.h) reads. The JSON keeps Gherkin's structure: scenario outlines stay
// unexpanded, with their Examples tables.
//
// Usage: node gherkin_to_json.mjs [FEATURES_DIR] [OUTPUT_FILE]
//   FEATURES_DIR defaults to $QUIVER_SHARED_DIR/tck/features, or ../shared/tck/features relative
//   to the repository root; OUTPUT_FILE defaults to standard output.

import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator } from '@cucumber/messages';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedDir = process.env.QUIVER_SHARED_DIR || join(repoRoot, '..', 'shared');
const featuresDir = resolve(process.argv[2] || join(sharedDir, 'tck', 'features'));
const outputFile = process.argv[3];

function featureFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...featureFiles(path));
    } else if (entry.name.endsWith('.feature')) {
      found.push(path);
    }
  }
  return found.sort();
}

const tags = (node) => node.tags.map((tag) => tag.name);

function step(s) {
  return {
    keyword: s.keyword.trim(),
    keywordType: s.keywordType ?? '',
    text: s.text,
    line: s.location.line,
    docString: s.docString ? s.docString.content : null,
    dataTable: s.dataTable ? s.dataTable.rows.map((row) => row.cells.map((c) => c.value)) : null,
  };
}

function examples(e) {
  return {
    name: e.name,
    tags: tags(e),
    line: e.location.line,
    header: e.tableHeader ? e.tableHeader.cells.map((c) => c.value) : [],
    rows: e.tableBody.map((row) => row.cells.map((c) => c.value)),
  };
}

function scenario(s) {
  return {
    name: s.name,
    keyword: s.keyword.trim(),
    line: s.location.line,
    tags: tags(s),
    steps: s.steps.map(step),
    examples: s.examples.map(examples),
  };
}

// Background and scenarios of a feature or rule, in file order.
function collect(children, into) {
  for (const child of children) {
    if (child.background) {
      into.background = child.background.steps.map(step);
    } else if (child.scenario) {
      into.scenarios.push(scenario(child.scenario));
    } else if (child.rule) {
      collect(child.rule.children, into);
    }
  }
}

function convert(path) {
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()),
                            new GherkinClassicTokenMatcher());
  const document = parser.parse(readFileSync(path, 'utf8'));
  const feature = document.feature;
  const out = {
    uri: relative(featuresDir, path),
    name: feature ? feature.name : '',
    tags: feature ? tags(feature) : [],
    background: [],
    scenarios: [],
  };
  if (feature) {
    collect(feature.children, out);
  }
  return out;
}

const document = { root: featuresDir, features: featureFiles(featuresDir).map(convert) };
const text = JSON.stringify(document);
if (outputFile) {
  writeFileSync(outputFile, text);
} else {
  process.stdout.write(text);
}
