// Where `eventlab serve` spends its CPU per emit in the latency workload of run.mjs (one sender
// page, one receiver page, one emit at a time, 1 ms apart), counted: instructions by callgrind,
// system calls by strace. Counts are the same whatever else the machine is doing, unlike time.
//
//   node bench/bridge/profile.mjs [EVENTLAB_BINARY] [--emits N (2000)] [--top K (25)]
//                                 [--tool callgrind|strace|perf]
//
// callgrind: runs the server under `valgrind --tool=callgrind`, warms up, zeroes the counters,
// paces N emits, dumps, and prints the instructions per emit in total and for the K functions
// with the most inclusive cost (callgrind_annotate --inclusive=yes), each divided by N.
// strace: attaches `strace -c -f` after the warm-up and prints the system calls per emit.
// perf: samples the server's CPU (user and kernel) with `perf record -e cpu-clock` over the
// same N emits and prints where the samples fell (the time counterpart of callgrind's counts).
import { spawn, fork, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { takeOption } from './options.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const argv = process.argv.slice(2);
const option = (name, fallback) => takeOption(argv, name, fallback);
const emits = Number(option('--emits', 2000));
const top = Number(option('--top', 25));
const tool = option('--tool', 'callgrind');
const binary = path.resolve(argv[0] || process.env.EVENTLAB_BINARY ||
  path.join(repo, 'build/src/app/eventlab'));

function deadline(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  })]).finally(() => clearTimeout(timer));
}

async function startServer(out) {
  const child = tool === 'callgrind'
    ? spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${out}`, '--dump-instr=no',
      binary, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(binary, ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const url = await deadline(new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match) resolve(match[1]);
    });
    exited.then(() => reject(new Error(`the server exited before listening: ${stderr}`)));
  }), 120000, 'server start under callgrind');
  return { child, url, exited };
}

async function startClient() {
  const child = fork(path.join(here, 'client.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map();
  let seq = 0;
  child.on('message', (message) => {
    const entry = waiting.get(message.seq);
    if (!entry) return;
    waiting.delete(message.seq);
    if (message.ok) entry.resolve(message);
    else entry.reject(new Error(`client ${message.op}: ${message.error}`));
  });
  await deadline(new Promise((resolve) => waiting.set(0, { resolve })), 10000, 'client start');
  return {
    call(op, args = {}, ms = 600000) {
      const id = ++seq;
      const answer = new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
      child.send({ op, seq: id, ...args });
      return deadline(answer, ms, `client ${op}`);
    },
    end() { child.kill('SIGTERM'); },
  };
}

// Counts the server's system calls while `work` runs: strace attached to every thread.
async function straced(pid, out, work) {
  const child = spawn('strace', ['-c', '-f', '-o', out, '-p', String(pid)],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  // It says so on stderr once it has attached (to every thread, with -f).
  await deadline(new Promise((resolve) => {
    const check = () => (/attached/.test(stderr) ? resolve() : setTimeout(check, 10));
    check();
  }), 10000, 'strace attach');
  await work();
  child.kill('SIGINT');
  await exited;
}

// Samples the server's CPU (cpu-clock: this VM has no hardware counters) while `work` runs.
async function perfed(pid, out, work) {
  const child = spawn('perf', ['record', '-e', 'cpu-clock', '-F', '10000', '-g', '-p', String(pid), '-o', out],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await new Promise((resolve) => setTimeout(resolve, 500)); // perf prints nothing when attached
  await work();
  child.kill('SIGINT');
  await exited;
}

function printPerf(out) {
  const report = execFileSync('perf', ['report', '-i', out, '--stdio', '--no-children', '--sort', 'dso,sym',
    '-g', 'none', '--percent-limit', '0.7'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const samples = /Samples: (\S+)/.exec(report)?.[1];
  console.log(`server CPU samples (cpu-clock, 10 kHz) over ${emits} emits: ${samples}; by function (self):`);
  for (const line of report.split('\n')) if (/^\s+[\d.]+%/.test(line)) console.log(line.slice(0, 160));
}

function printStrace(out) {
  const lines = fs.readFileSync(out, 'utf8').split('\n');
  console.log(`system calls per emit (server, all threads; ${emits} emits, 1 ms apart):`);
  for (const line of lines) {
    const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)$/.exec(line);
    if (m) console.log(`${(Number(m[1]) / emits).toFixed(2).padStart(8)}  ${m[2]}`);
  }
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eventlab-profile-'));
  const out = path.join(dir, 'callgrind.out');
  const server = await startServer(out);
  const receiver = await startClient();
  const sender = await startClient();
  try {
    await receiver.call('connect', { url: server.url, labels: ['precv'] });
    await sender.call('connect', { url: server.url, labels: ['psend'] });
    await receiver.call('listen', { event: 'profile', latency: true });
    await sender.call('pace', { event: 'profile', n: 200, intervalMs: 1 }); // warm-up
    const pace = () => sender.call('pace', { event: 'profile', n: emits, intervalMs: 1 });
    if (tool === 'strace') {
      await straced(server.child.pid, out, pace);
    } else if (tool === 'perf') {
      await perfed(server.child.pid, out, pace);
    } else {
      execFileSync('callgrind_control', ['--zero', String(server.child.pid)]);
      await pace();
      execFileSync('callgrind_control', ['--dump=measured', String(server.child.pid)]);
    }
  } finally {
    receiver.end();
    sender.end();
    server.child.kill('SIGTERM');
    await server.exited;
  }
  if (tool === 'strace') return printStrace(out);
  if (tool === 'perf') return printPerf(out);
  const dump = fs.readdirSync(dir).map((f) => path.join(dir, f))
    .find((f) => fs.readFileSync(f, 'utf8').includes('measured'));
  const annotated = execFileSync('callgrind_annotate', ['--inclusive=yes', `--threshold=100`, dump],
    { encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = annotated.split('\n');
  const total = Number(/([\d,]+)\s+\(100\.0%\)\s+PROGRAM TOTALS/.exec(annotated)[1].replace(/,/g, ''));
  console.log(`instructions per emit (server, all threads): ${(total / emits).toFixed(0)}` +
    ` (${emits} emits, 1 ms apart, one sender page, one receiver page)`);
  console.log('inclusive instructions per emit, by function:');
  const rows = lines.filter((l) => /^\s*[\d,]+ \(\s*[\d.]+%\)\s+\S/.test(l)).slice(0, top);
  for (const row of rows) {
    const [, count, share, name] = /^\s*([\d,]+) \(\s*([\d.]+)%\)\s+(.*)$/.exec(row);
    const perEmit = Number(count.replace(/,/g, '')) / emits;
    console.log(`${perEmit.toFixed(0).padStart(8)}  ${share.padStart(5)}%  ${name.slice(0, 150)}`);
  }
  console.log(`\ncallgrind output: ${dump}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
