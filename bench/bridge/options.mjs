// The benchmark scripts' command line: `--name value` pairs taken out of argv as they are read,
// so what is left is the scripts' own positional arguments.
export function takeOption(argv, name, fallback) {
  const at = argv.indexOf(name);
  if (at < 0) return fallback;
  const value = argv[at + 1];
  argv.splice(at, 2);
  return value;
}
