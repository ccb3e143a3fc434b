/// CloudTrail Lake's SQL (a Trino subset): parsing into the syntax tree of `Syntax/`, with positions
/// for every refusal. Pure: no I/O, no SQLite.
public enum LakeSQL {}
