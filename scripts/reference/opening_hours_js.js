#!/usr/bin/env node
// Asks opening_hours.js (the reference evaluator of the opening_hours language) once, and
// writes what it and its own regression suite say as JSON fixtures for our tests, which
// then need neither node nor the network. Nothing of opening_hours.js is copied here: its
// suite (test/test.js) is run with a stand-in for its test object that records the calls.
//
//   node scripts/reference/opening_hours_js.js suite  OJS_CHECKOUT OUT.json
//   node scripts/reference/opening_hours_js.js states OJS_CHECKOUT IN.json OUT.json
//
// OJS_CHECKOUT is a clone of github.com/opening-hours/opening_hours.js with its
// dependencies installed and `build/opening_hours.js` built (see
// tests/data/opening_hours_js/README.md for the exact commands).
'use strict';

process.env.TZ = 'Europe/Berlin'; // the suite's expectations are Berlin wall-clock times

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { createRequire } = require('module');

const SUN_WORDS = /sunrise|sunset|dawn|dusk/i;
// Day and month names beyond German, English and French (the languages offices here write):
// other scripts, and the Spanish and Italian words of the suite's language tests.
const OTHER_LANGUAGE = new RegExp('[\\u0400-\\u04ff\\u0600-\\u06ff\\u0e00-\\u0e7f\\u10a0-\\u10ff' +
    '\\u3040-\\u30ff\\u4e00-\\u9fff]|\\b(enero|junio|lunes|viernes|gennaio|giugno)\\b', 'i');
// Reasons test.js gives with ignored(): only these leave the expected intervals valid.
const REASONS_KEEPING_INTERVALS = new Set(['prettifyValue', 'check for week stable not implemented']);

function pad(n) { return String(n).padStart(2, '0'); }

// A Date as the Berlin wall clock (the suite's own way to write times) and as UTC.
function when(date) {
    const wall = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T` +
        `${pad(date.getHours())}:${pad(date.getMinutes())}`;
    return { wall, utc: date.toISOString().replace('.000Z', 'Z') };
}

function asDate(written) { return written instanceof Date ? written : new Date(written); }

function written(value) { return value instanceof Date ? when(value).wall : value; }

// The stand-in for test.js's test object: every add* call is kept with its arguments and
// the line of test.js it was made on.
function recorder(testFile) {
    const calls = [];
    const lineOfCaller = () => {
        const frame = new Error().stack.split('\n').find((l) => l.includes(testFile));
        return frame ? Number(frame.match(/:(\d+):\d+\)?$/)[1]) : null;
    };
    return new Proxy({ calls }, {
        get(target, prop) {
            if (prop === 'calls') return calls;
            if (prop === 'run') return () => true;
            if (typeof prop === 'string' && prop.startsWith('add')) {
                return (...args) => { calls.push({ kind: prop, line: lineOfCaller(), args }); };
            }
            return target[prop];
        },
        set(target, prop, value) { target[prop] = value; return true; },
    });
}

// The nominatim answers of the suite, by their file name (de_bw, ...), to name each call's.
function nominatimNames(ojs, yaml) {
    const dir = path.join(ojs, 'src/holidays/nominatim_cache');
    const names = new Map();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
        const parsed = yaml.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
        names.set(JSON.stringify(parsed), file.replace(/\.yaml$/, ''));
    }
    return (data) => {
        if (data === undefined || data === null) return 'none';
        if (typeof data === 'object' && Object.keys(data).length === 0) return 'empty';
        return names.get(JSON.stringify(data)) || 'other';
    };
}

function loadSuite(ojs) {
    const testFile = path.join(ojs, 'test/test.js');
    const source = fs.readFileSync(testFile, 'utf8')
        .replace(/^#!.*/, '')
        .replace('const test = new opening_hours_test();', 'const test = __recorder;')
        .replace('process.exit(test.run() ? 0 : 1);', 'test.run();');
    const rec = recorder(testFile);
    const fakeProcess = Object.create(process);
    fakeProcess.argv = [process.argv[0], testFile, '--library-file', 'build/opening_hours.js'];
    fakeProcess.exit = () => undefined;
    const cwd = process.cwd();
    process.chdir(ojs); // test.js globs its nominatim files relative to the checkout
    try {
        const run = vm.runInThisContext(`(function (require, process, __recorder) {${source}\n})`,
            { filename: testFile });
        run(createRequire(testFile), fakeProcess, rec);
    } finally {
        process.chdir(cwd);
    }
    return rec.calls;
}

function modeOf(ohMode) {
    if (ohMode === undefined) return 0;
    if (typeof ohMode === 'number') return ohMode;
    if (ohMode && typeof ohMode === 'object') {
        // the opening_hours key itself is read in mode 0 (time ranges)
        if (ohMode.tag_key === 'opening_hours' && !ohMode.map_value) return 0;
        if (ohMode.map_value || ohMode.tag_key) return 'tag:' + (ohMode.tag_key || 'map_value');
        return typeof ohMode.mode === 'number' ? ohMode.mode : 0;
    }
    return String(ohMode);
}

// What opening_hours.js itself makes of a value: accepted or not, warnings, prettified form.
function reference(OH, value, nominatim, mode) {
    try {
        const oh = new OH(value, nominatim, { mode, locale: 'en' });
        return { accepted: true, warnings: oh.getWarnings(), prettified: oh.prettifyValue() };
    } catch (err) {
        return { accepted: false, error: String(err).split('\n')[0] };
    }
}

// The expected intervals as test.js writes them ([from, to, unknown, comment]), each with its
// from and to in UTC appended, as node reads the Berlin wall-clock times.
function intervalsWritten(list) {
    return list.map(([s, e, unknown, comment]) => [written(s), written(e), unknown === true,
        comment ?? null, when(asDate(s)).utc, when(asDate(e)).utc]);
}

// Why a recorded addTest value is out of scope for offices, or null when it is in.
// Sun times and school holidays are looked for in the value and in the form
// opening_hours.js corrects it to (`daylight`, `Schulferien Mo-Fr`).
function outOfScope(value, reason, nominatimName, mode, prettified) {
    if (mode !== 0) return `mode ${mode}`;
    if (!(['none', 'empty'].includes(nominatimName) || nominatimName.startsWith('de_'))) {
        return `holidays of ${nominatimName}`;
    }
    const both = `${value}\n${prettified || ''}`;
    if (SUN_WORDS.test(both)) return 'sun times';
    if (OTHER_LANGUAGE.test(value)) return 'names in another language';
    if (/\bSH\b/.test(both)) return 'school holidays';
    if (reason !== null && !REASONS_KEEPING_INTERVALS.has(reason)) return `ignored: ${reason}`;
    return null;
}

// JSON with one entry of each list per line: small, and a change to one value is one line.
function writeLines(outFile, head, lists) {
    const parts = Object.entries(head).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    for (const [key, list] of Object.entries(lists)) {
        parts.push(`${JSON.stringify(key)}: [\n${list.map((x) => JSON.stringify(x)).join(',\n')}\n]`);
    }
    fs.writeFileSync(outFile, `{\n${parts.join(',\n')}\n}\n`);
}

function suite(ojs, outFile) {
    const req = createRequire(path.join(ojs, 'test/test.js'));
    const OH = req(path.join(ojs, 'build/opening_hours.js'));
    const nameOf = nominatimNames(ojs, req('yaml'));
    const calls = loadSuite(ojs);
    const refused = [];
    const tests = [];
    let inScopeCount = 0;
    const left = {};
    const seen = new Set();
    const count = (why) => { left[why] = (left[why] || 0) + 1; };
    for (const call of calls) {
        const a = call.args;
        if (call.kind === 'addTest') {
            const [name, values, from, to, expected, , , , nominatim, , ohMode] = a;
            const mode = modeOf(ohMode);
            const nName = nameOf(nominatim);
            const inScope = [];
            for (const entry of typeof values === 'string' ? [values] : values) {
                const [value, reason] = typeof entry === 'string' ? [entry, null] : entry;
                const said = reference(OH, value, nominatim, mode);
                const why = outOfScope(value, reason, nName, mode, said.prettified) ||
                    (seen.has(call.line + value) ? 'repeated in its test' : null);
                if (why) { count(why); continue; }
                seen.add(call.line + value);
                inScope.push({ value, ignored: reason, opening_hours_js: said });
            }
            if (inScope.length === 0) continue;
            const f = asDate(from); const t = asDate(to);
            tests.push({
                line: call.line, name, nominatim: nName, mode,
                from: written(from), to: written(to), from_utc: when(f).utc, to_utc: when(t).utc,
                expected: intervalsWritten(expected), values: inScope,
            });
            inScopeCount += inScope.length;
        } else if (call.kind === 'addShouldFail') {
            const [name, values, nominatim, , ohMode] = a;
            // a call with options tests the constructor's arguments, not the value's syntax
            if (ohMode !== undefined) { count('should fail: options of the constructor'); continue; }
            const nName = nameOf(nominatim);
            for (const value of typeof values === 'string' ? [values] : values) {
                if (typeof value !== 'string') continue;
                if (outOfScope(value, null, nName, 0)) { count('should fail: out of scope'); continue; }
                // without a place opening_hours.js cannot know the holidays; the value is fine
                if (!nName.startsWith('de_') && /\b(PH|SH)\b/.test(value)) {
                    count('should fail: holidays without a place'); continue;
                }
                refused.push({ line: call.line, name, value, nominatim: nName,
                    opening_hours_js: reference(OH, value, nominatim, 0) });
            }
        } else {
            count(`not a test of intervals: ${call.kind}`);
        }
    }
    writeLines(outFile, { left_out: left }, { tests, refused });
    console.error(`${inScopeCount} values in scope, ${refused.length} to refuse`);
}

// The state opening_hours.js gives each value at each instant: IN.json is
// {"values": [...], "instants": ["2024-03-04T10:30", ...] (Berlin wall clock),
//  "nominatim": "de_bw" | "empty"}.
function states(ojs, inFile, outFile) {
    const req = createRequire(path.join(ojs, 'test/test.js'));
    const OH = req(path.join(ojs, 'build/opening_hours.js'));
    const input = JSON.parse(fs.readFileSync(inFile, 'utf8'));
    const nominatim = input.nominatim === 'empty' ? {} : req('yaml').parse(fs.readFileSync(
        path.join(ojs, 'src/holidays/nominatim_cache', input.nominatim + '.yaml'), 'utf8'));
    const instants = input.instants.map((w) => new Date(w.replace('T', ' ')));
    const results = input.values.map((value) => {
        let oh;
        try {
            oh = new OH(value, nominatim, { mode: 0, locale: 'en' });
        } catch (err) {
            return { value, accepted: false, error: String(err).split('\n')[0] };
        }
        // one letter per instant: o(pen), c(losed), u(nknown), read off the intervals from
        // the instant's midnight on, as the suite's own expectations are (asked at the
        // instant itself, opening_hours.js gives a guessed open end as closed)
        const at = instants.map((d) => stateAt(oh, d)).join('');
        return { value, accepted: true, warnings: oh.getWarnings(), prettified: oh.prettifyValue(), states: at };
    });
    writeLines(outFile, { nominatim: input.nominatim, instants: input.instants }, { results });
}

function stateAt(oh, d) {
    const midnight = new Date(d.getFullYear(), d.getMonth(), d.getDate());
    const found = oh.getOpenIntervals(midnight, new Date(d.getTime() + 60000))
        .find(([from, to]) => from <= d && d < to);
    return found === undefined ? 'c' : found[2] ? 'u' : 'o';
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'suite' && rest.length === 2) suite(path.resolve(rest[0]), path.resolve(rest[1]));
else if (command === 'states' && rest.length === 3) {
    states(path.resolve(rest[0]), path.resolve(rest[1]), path.resolve(rest[2]));
} else {
    console.error('usage: opening_hours_js.js suite OJS OUT | states OJS IN OUT');
    process.exit(2);
}
