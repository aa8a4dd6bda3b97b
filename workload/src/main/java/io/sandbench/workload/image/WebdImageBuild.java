package io.sandbench.workload.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.spi.ToolProvider;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the webd runtime image (run by Maven after compile, so tests find it):
 *
 * <ol>
 *   <li>compiles webd's sources as the named module io.sandbench.webd (java.base only, which javac
 *       then enforces);
 *   <li>links it with jlink into a runtime holding java.base and webd, nothing else;
 *   <li>writes bin/webd, a POSIX sh launcher with start-up-tuned options ({@link WebdJvmFlags});
 *   <li>trains webd on the image (one start, a few requests, SIGTERM) and archives what it loaded:
 *       on JDK 17..23 as the image's default CDS archive (lib/server/classes.jsa, found next to
 *       libjvm.so, so no path is baked in), on JDK 24+ as an AOT cache (lib/webd.aot) that bin/webd
 *       names relative to itself.
 * </ol>
 *
 * <p>The image is assembled beside its final place and renamed into it. An up-to-date image (same
 * sources, same builder, same JDK) is kept as it is.
 *
 * <p>Usage: {@code WebdImageBuild --sources DIR --module-info FILE --output DIR}
 */
public final class WebdImageBuild {
  static final String MODULE = "io.sandbench.webd";
  static final String MAIN = MODULE + "/io.sandbench.workload.webd.Webd";
  static final String AOT_CACHE = "lib/webd.aot";
  private static final String FINGERPRINT = "lib/webd-image.fingerprint";

  private final Path sources;
  private final Path moduleInfo;
  private final Path output;
  private final int feature = Runtime.version().feature();
  private final PrintStream log;

  WebdImageBuild(Path sources, Path moduleInfo, Path output, PrintStream log) {
    this.sources = sources;
    this.moduleInfo = moduleInfo;
    this.output = output;
    this.log = log;
  }

  public static void main(String[] args) {
    Path sources = null;
    Path moduleInfo = null;
    Path output = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--sources" -> sources = Path.of(args[i + 1]);
        case "--module-info" -> moduleInfo = Path.of(args[i + 1]);
        case "--output" -> output = Path.of(args[i + 1]);
        default -> {
          System.err.println("webd-image: unknown option " + args[i]);
          System.exit(2);
        }
      }
    }
    if (sources == null || moduleInfo == null || output == null || args.length % 2 != 0) {
      System.err.println(
          "usage: WebdImageBuild --sources DIR --module-info FILE --output DIR");
      System.exit(2);
    }
    try {
      new WebdImageBuild(sources, moduleInfo, output, System.out).build();
    } catch (IOException | InterruptedException | RuntimeException e) {
      System.err.println("webd-image: " + e.getMessage());
      System.exit(1);
    }
  }

  void build() throws IOException, InterruptedException {
    String fingerprint = fingerprint();
    Path stamp = output.resolve(FINGERPRINT);
    if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint)) {
      log.println("webd-image: " + output + " is up to date");
      return;
    }
    long t0 = System.nanoTime();
    Path work = output.resolveSibling(output.getFileName() + ".work");
    Path image = work.resolve("image");
    deleteTree(work);
    Files.createDirectories(work);

    Path modules = work.resolve("modules");
    compileModule(modules.resolve(MODULE));
    link(modules, image);
    List<String> flags = WebdJvmFlags.common(feature);
    writeLauncher(image, flags);
    archive(image, work, flags);
    Files.writeString(image.resolve(FINGERPRINT), fingerprint);

    deleteTree(output);
    Files.move(image, output, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(work);
    log.printf(
        "webd-image: built %s for JDK %s in %d ms (%s)%n",
        output,
        Runtime.version(),
        (System.nanoTime() - t0) / 1_000_000,
        WebdJvmFlags.usesAotCache(feature) ? "AOT cache" : "AppCDS archive");
  }

  private void compileModule(Path classes) throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--release", "17", "-XDstringConcat=inline",
        "-d", classes.toString(), moduleInfo.toString()));
    try (Stream<Path> files = Files.list(sources)) {
      files.filter(f -> f.toString().endsWith(".java")).sorted()
          .forEach(f -> args.add(f.toString()));
    }
    runTool("javac", args);
  }

  private void link(Path modules, Path image) throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--module-path", modules.toString(),
        "--add-modules", MODULE,
        "--output", image.toString(),
        "--strip-debug", "--no-header-files", "--no-man-pages"));
    // Uncompressed lib/modules: classes are read without inflating them at start-up.
    args.add(feature >= 21 ? "--compress=zip-0" : "--compress=0");
    runTool("jlink", args);
  }

  private void writeLauncher(Path image, List<String> flags) throws IOException {
    Path bin = image.resolve("bin/webd");
    Files.writeString(bin, WebdLauncherScript.text(Runtime.version().toString(), flags,
        WebdJvmFlags.usesAotCache(feature) ? AOT_CACHE : null, MAIN));
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** The training run and the class-data archive it feeds (see the class comment). */
  private void archive(Path image, Path work, List<String> flags)
      throws IOException, InterruptedException {
    Path java = image.resolve("bin/java");
    Path trainingLog = work.resolve("training.log");
    if (WebdJvmFlags.usesAotCache(feature)) {
      Path config = work.resolve("webd.aotconf");
      List<String> record = new ArrayList<>(flags);
      record.add("-XX:AOTMode=record");
      record.add("-XX:AOTConfiguration=" + config);
      WebdTraining.run(java, record, MAIN, trainingLog);
      List<String> create = new ArrayList<>(flags);
      create.add("-XX:AOTMode=create");
      create.add("-XX:AOTConfiguration=" + config);
      create.add("-XX:AOTCache=" + image.resolve(AOT_CACHE));
      create.add("-m");
      create.add(MAIN);
      runJava(java, create, work.resolve("aot-create.log"));
    } else {
      Path classList = work.resolve("webd.classlist");
      List<String> record = new ArrayList<>(flags);
      record.add("-Xshare:off");
      record.add("-XX:DumpLoadedClassList=" + classList);
      WebdTraining.run(java, record, MAIN, trainingLog);
      // The default archive location, beside libjvm.so: found with no option, from any path.
      List<String> dump = new ArrayList<>(List.of(
          "-Xshare:dump",
          "-XX:SharedClassListFile=" + classList,
          "-XX:SharedArchiveFile=" + image.resolve("lib/server/classes.jsa"),
          "--add-modules", MODULE));
      runJava(java, dump, work.resolve("cds-dump.log"));
    }
  }

  private static void runJava(Path java, List<String> options, Path log)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(java.toString());
    argv.addAll(options);
    Process p = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        throw new IOException(String.join(" ", argv) + " took over 120 s; see " + log);
      }
      if (p.exitValue() != 0) {
        throw new IOException(String.join(" ", argv) + " exited " + p.exitValue() + ": "
            + Files.readString(log).strip());
      }
    } finally {
      p.destroyForcibly();
    }
  }

  private static void runTool(String name, List<String> args) throws IOException {
    Optional<ToolProvider> tool = ToolProvider.findFirst(name);
    if (tool.isEmpty()) {
      throw new IOException(name + " is missing: build with a JDK (not a JRE) of release 17+");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int rc = tool.get().run(print, print, args.toArray(new String[0]));
    if (rc != 0) {
      throw new IOException(name + " " + String.join(" ", args) + " failed (" + rc + "): "
          + out.toString(StandardCharsets.UTF_8).strip());
    }
  }

  /** What the image depends on: webd's sources, this builder's classes and the building JDK. */
  private String fingerprint() throws IOException {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    List<Path> inputs = new ArrayList<>();
    inputs.add(moduleInfo);
    try (Stream<Path> files = Files.list(sources)) {
      files.sorted().forEach(inputs::add);
    }
    for (Path f : inputs) {
      sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(f));
    }
    for (Class<?> c : List.of(WebdImageBuild.class, WebdJvmFlags.class, WebdLauncherScript.class,
        WebdTraining.class)) {
      try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
        sha.update(in.readAllBytes());
      }
    }
    sha.update((System.getProperty("java.home") + Runtime.version())
        .getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
