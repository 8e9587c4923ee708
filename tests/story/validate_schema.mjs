// SPDX-License-Identifier: MIT
// Checks schemas/story.schema.json against the stories it describes:
//
//   1. every stories/**/*.yaml (except series.yaml) must validate;
//   2. every malformed story in tests/story/malformed/ must be rejected, unless its mistake
//      is one a JSON Schema cannot see (unknown references, dates out of order, missing
//      files, ...): those are listed in NOT_SCHEMA_EXPRESSIBLE below.
//
// Usage (from the repository root):
//   (cd tests/story && npm ci) && node tests/story/validate_schema.mjs
//   node tests/story/validate_schema.mjs --stories-only
//   node tests/story/validate_schema.mjs path/to/story.yaml ...     # check given files
//
// YAML is read with the core schema, as mapreel reads it: 1950-06-25 stays a string (no
// Date objects), yes/no stay strings, and duplicate keys are errors.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { LineCounter, parseDocument, isMap, isNode } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const schemaPath = join(root, "schemas/story.schema.json");
const storiesDir = join(root, "stories");
const malformedDir = join(here, "malformed");

// Malformed cases whose mistake the schema cannot express (cross-references, order of
// dates, calendar rules, files on disk, declared languages). Matched on the file name
// without its number: "52-unknown-place-in-route.yaml" -> "unknown-place-in-route".
const NOT_SCHEMA_EXPRESSIBLE = new Set([
  "day-does-not-exist", // 30 February matches the date pattern
  "dates-backwards",
  "keyframes-out-of-order",
  "front-same-side",
  "front-unknown-side",
  "front-unknown-region",
  "pocket-foreign-side",
  "pocket-keyframes-out-of-order",
  "extent-reversed",
  "duplicate-place-id",
  "duplicate-step-id",
  "unknown-place-in-route",
  "unknown-side-in-arrow",
  "unknown-source-in-cite",
  "unknown-step-in-until",
  "until-earlier-step",
  "callout-until-earlier-step",
  "show-unknown-feature",
  "zone-unknown-line",
  "visible-backwards",
  "visible-unknown-step",
  "layer-file-missing",
  "region-cycle",
  "territory-keyframes-order",
  "missing-image-file",
  "missing-audio-file",
  "language-not-declared",
  "window-backwards", // start <= end
  "flow-unknown-side",
  "flow-to-unknown-point", // 'to' names a place that is not one of the flow's points
  "chart-values-out-of-order",
  // The content of files on disk.
  "image-not-an-image",
  "image-decompression-bomb",
  "image-empty-file",
  "image-truncated-png",
  "image-is-a-folder",
  "audio-not-audio",
  // Facts: references, date order and the story's span.
  "fact-dates-backwards",
  "fact-outside-the-story",
  "fact-unknown-side",
  "fact-unknown-place",
  // The author's legend and markers: references, a file on disk, and two features in one
  // row (the schema checks that a row names at least one).
  "marker-image-missing",
  "legend-unknown-zone",
  "legend-unknown-side",
  "legend-two-features",
]);

function yamlFiles(dir, recursive) {
  const out = [];
  let entries = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) {
      if (recursive) out.push(...yamlFiles(path, true));
    } else if (name.endsWith(".yaml") && name !== "series.yaml") {
      out.push(path);
    }
  }
  return out.sort();
}

const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
const validate = ajv.compile(schema);

/** Where an Ajv error points in the YAML source, as line:col (1-based). */
function locate(doc, lineCounter, error) {
  const segments = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let node = segments.length ? doc.getIn(segments, true) : doc.contents;
  if (error.keyword === "additionalProperties" && isMap(node)) {
    const pair = node.items.find((p) => p.key && p.key.value === error.params.additionalProperty);
    if (pair && isNode(pair.key)) node = pair.key;
  }
  if (!isNode(node) || !node.range) return "1:1";
  const { line, col } = lineCounter.linePos(node.range[0]);
  return `${line}:${col}`;
}

/** The schema's verdict on one file: { ok, problems: ["line:col: message", ...] }. */
function check(path) {
  const text = readFileSync(path, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { schema: "core", uniqueKeys: true, lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
        return `${pos.line}:${pos.col}: not valid YAML: ${e.message.split("\n")[0]}`;
      }),
    };
  }
  let data;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return { ok: false, problems: [`1:1: ${e.message}`] };
  }
  try {
    JSON.stringify(data);
  } catch {
    return { ok: false, problems: ["1:1: a YAML alias (*name) is inside the node it repeats"] };
  }
  if (validate(data)) return { ok: true, problems: [] };
  const seen = new Set();
  const problems = [];
  for (const error of validate.errors) {
    const params = Object.entries(error.params)
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
      .join(", ");
    const line = `${locate(doc, lineCounter, error)}: ${error.instancePath || "/"} ${error.message}${
      params ? ` (${params})` : ""
    }`;
    if (!seen.has(line)) {
      seen.add(line);
      problems.push(line);
    }
  }
  return { ok: false, problems };
}

const args = process.argv.slice(2);
const storiesOnly = args.includes("--stories-only");
const given = args.filter((a) => !a.startsWith("--"));
let failures = 0;
const rel = (p) => relative(process.cwd(), p) || p;

const stories = given.length ? given.map((p) => resolve(p)) : yamlFiles(storiesDir, true);
if (!given.length && stories.length === 0) {
  console.error(`validate_schema: no stories found under ${rel(storiesDir)}`);
  failures++;
}
for (const path of stories) {
  const { ok, problems } = check(path);
  if (ok) {
    console.log(`ok      ${rel(path)}`);
  } else {
    failures++;
    console.error(`FAIL    ${rel(path)} does not match ${rel(schemaPath)}:`);
    for (const p of problems.slice(0, 20)) console.error(`  ${rel(path)}:${p}`);
    if (problems.length > 20) console.error(`  ... and ${problems.length - 20} more`);
  }
}

if (!storiesOnly && !given.length) {
  let rejected = 0;
  let beyond = 0;
  for (const path of yamlFiles(malformedDir, false)) {
    const name = basename(path, ".yaml").replace(/^\d+-/, "");
    const { ok, problems } = check(path);
    if (NOT_SCHEMA_EXPRESSIBLE.has(name)) {
      beyond++;
      if (!ok)
        console.log(`note    ${rel(path)} is rejected by the schema too (${problems[0]}); ` +
                    `it could leave NOT_SCHEMA_EXPRESSIBLE`);
      continue;
    }
    if (ok) {
      failures++;
      console.error(`FAIL    ${rel(path)} is malformed but the schema accepts it ` +
                    `(add the check to the schema, or the case to NOT_SCHEMA_EXPRESSIBLE)`);
    } else {
      rejected++;
    }
  }
  console.log(`malformed corpus: ${rejected} rejected by the schema, ` +
              `${beyond} beyond what a schema can check`);
}

if (failures) {
  console.error(`validate_schema: ${failures} problem${failures === 1 ? "" : "s"}`);
  process.exit(1);
}
console.log("validate_schema: all good");
