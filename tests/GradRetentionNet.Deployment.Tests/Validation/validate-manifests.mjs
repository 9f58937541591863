// Validates Kubernetes manifests offline, in one process for every file given:
//
//   node validate-manifests.mjs MODULES LABEL=FILE.yaml [LABEL=FILE.yaml ...]
//
// MODULES is the node_modules folder build/check-tools.sh fills (k8s-schemas/node_modules). Each
// document of each file is checked twice:
//   1. against the JSON schema of its apiVersion and kind (kubernetes-models for the Kubernetes API,
//      @kubernetes-models/prometheus-operator for PodMonitor and PrometheusRule,
//      @kubernetes-models/cert-manager for Certificate): types, required fields, enums, formats;
//   2. by the TypeScript compiler, the document as an object literal of the model's interface: a
//      field the API does not have (a misspelling) is an error there, as `kubeconform -strict` has it.
//      The Kubernetes schemas allow unknown fields, and the API server drops them without a word.
// A document whose apiVersion and kind no package models is an error too: nothing goes unchecked.
//
// Prints one line per problem, "LABEL: Kind name: path: message", then a summary line; exits 0 when
// there is none, 1 when there are, 2 when it cannot run (a missing package or file).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, ...inputs] = process.argv.slice(2);
if (!modules || inputs.length === 0 || inputs.some((input) => !input.includes("="))) {
  console.error("usage: node validate-manifests.mjs MODULES LABEL=FILE.yaml [LABEL=FILE.yaml ...]");
  process.exit(2);
}
const load = async (relative) => {
  const file = join(modules, relative);
  if (!existsSync(file)) {
    console.error(`error: ${file} is missing: run bash build/check-tools.sh`);
    process.exit(2);
  }
  return import(pathToFileURL(file).href);
};
const yaml = (await load("js-yaml/dist/js-yaml.mjs")).default;
const ts = (await load("typescript/lib/typescript.js")).default;

// The packages that model an apiVersion: the Kubernetes API first, then the CRDs.
const packages = ["kubernetes-models", "@kubernetes-models/prometheus-operator", "@kubernetes-models/cert-manager"];

/** The model file (without extension) of apiVersion and kind, or null when no package has one. */
function modelFile(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9]+$/.test(kind)) return null;
  for (const pkg of packages) {
    const base = join(modules, pkg, apiVersion, kind);
    if (existsSync(`${base}.js`) && existsSync(`${base}.d.ts`)) return base;
  }
  return null;
}

const documents = []; // { label, kind, name, doc, model }
const problems = [];
const report = (document, path, message) =>
  problems.push(`${document.label}: ${document.kind ?? "?"} ${document.name ?? "?"}: ${path || "(document)"}: ${message}`);

for (const input of inputs) {
  const at = input.indexOf("=");
  const label = input.slice(0, at);
  const file = input.slice(at + 1);
  let parsed;
  try {
    parsed = yaml.loadAll(readFileSync(file, "utf8"));
  } catch (e) {
    problems.push(`${label}: ${file}: not YAML: ${e.message.split("\n")[0]}`);
    continue;
  }
  for (const doc of parsed) {
    if (doc === null || doc === undefined) continue; // an empty document between two ---
    const document = { label, kind: doc?.kind, name: doc?.metadata?.name, doc };
    if (typeof doc !== "object" || Array.isArray(doc)) {
      report(document, "", "not a mapping");
      continue;
    }
    document.model = modelFile(doc.apiVersion, doc.kind);
    if (document.model === null) {
      report(document, "apiVersion", `no schema for apiVersion ${doc.apiVersion} kind ${doc.kind}: misspelt, or a kind the validator does not know`);
      continue;
    }
    documents.push(document);
  }
}

// 1. The JSON schemas (ajv, compiled into the packages).
const pathOf = (instancePath) =>
  instancePath.split("/").slice(1).map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), "");
for (const document of documents) {
  const module = await import(pathToFileURL(`${document.model}.js`).href);
  try {
    new module[document.doc.kind](document.doc).validate();
  } catch (e) {
    if (!Array.isArray(e.errors)) throw e;
    for (const error of e.errors) report(document, pathOf(error.instancePath), error.message);
  }
}

// 2. Unknown fields: every document as a typed constant of one TypeScript file, checked in memory.
const source = documents.map((document, i) =>
  `import type { I${document.doc.kind} as T${i} } from ${JSON.stringify(`${document.model}.js`)};\n` +
  `export const doc${i}: T${i} = ${JSON.stringify(document.doc, null, 1)};\n`).join("");
const fileName = join(dirname(modules), "__manifests__.mts");
const options = {
  noEmit: true, skipLibCheck: true, types: [], strict: true,
  // Kubernetes takes null for any optional field; required fields stay required.
  strictNullChecks: false,
  module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
};
const host = ts.createCompilerHost(options);
const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
const readSource = host.getSourceFile;
host.getSourceFile = (name, ...rest) => (name === fileName ? sourceFile : readSource(name, ...rest));
const fileExists = host.fileExists;
host.fileExists = (name) => name === fileName || fileExists(name);
const program = ts.createProgram([fileName], options, host);

/** The document a position falls in, and the property path down to it. */
function locate(position) {
  let document = null;
  const path = [];
  const visit = (node) => {
    if (position < node.getStart(sourceFile) || position >= node.getEnd()) return;
    if (ts.isVariableDeclaration(node)) document = documents[Number(node.name.getText(sourceFile).slice(3))];
    if (ts.isPropertyAssignment(node)) path.push(JSON.parse(node.name.getText(sourceFile)));
    if (ts.isArrayLiteralExpression(node)) {
      const index = node.elements.findIndex((e) => position >= e.getStart(sourceFile) && position < e.getEnd());
      if (index >= 0) path.push(index);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { document, path: path.reduce((p, s) => (typeof s === "number" ? `${p}[${s}]` : p ? `${p}.${s}` : s), "") };
}
// Every field of every object literal, against the properties of the type the literal must have:
// each unknown field on its own (the compiler's own check stops at a literal's first mismatch).
const checker = program.getTypeChecker();
const knows = (type, name) => {
  if (!type || type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  const types = type.isUnion() ? type.types : [type];
  return types.some((t) => !(t.flags & ts.TypeFlags.Object) || checker.getIndexInfosOfType(t).length > 0 || checker.getPropertyOfType(t, name));
};
const unknownFields = (node) => {
  if (ts.isObjectLiteralExpression(node)) {
    const type = checker.getContextualType(node);
    for (const property of node.properties) {
      const name = JSON.parse(property.name.getText(sourceFile));
      if (!knows(type, name)) {
        const { document, path } = locate(property.getStart(sourceFile));
        report(document, path, `unknown field "${name}" (not in ${checker.typeToString(type)})`);
      }
    }
  }
  ts.forEachChild(node, unknownFields);
};
unknownFields(sourceFile);
const excessProperty = 2353; // "Object literal may only specify known properties": reported above
for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
  if (diagnostic.code === excessProperty) continue;
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ").replace(/\s+/g, " ");
  const { document, path } = diagnostic.file === sourceFile ? locate(diagnostic.start) : { document: null, path: "" };
  if (document) report(document, path, message);
  else problems.push(`(types) ${diagnostic.file?.fileName ?? ""}: ${message}`);
}

for (const problem of problems) console.log(problem);
console.log(`validated ${documents.length} documents from ${inputs.length} files: ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
