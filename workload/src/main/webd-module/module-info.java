/**
 * webd as a named module, linked into its own jlink runtime image (workload/target/webd-image).
 * Only java.base: the image stays small, and its classes come from lib/modules, which a class-data
 * archive can refer to without naming a path (so the image still shares classes after a copy).
 * The main class needs no export: the launcher runs it with -m io.sandbench.webd/....
 */
module io.sandbench.webd {}
