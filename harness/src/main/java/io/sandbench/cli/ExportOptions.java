package io.sandbench.cli;

import io.sandbench.report.AtomicFile;
import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** Where to export a result; paths are checked before a run starts, files written atomically. */
public final class ExportOptions {
  @Option(names = "--export-json", paramLabel = "FILE", description = "Write everything as JSON.")
  Path json;

  @Option(names = "--export-csv", paramLabel = "FILE", description = "Write raw samples as CSV.")
  Path csv;

  @Option(
      names = "--export-markdown",
      paramLabel = "FILE",
      description = "Write the tables as Markdown.")
  Path markdown;

  /** Fails with one line now if any export could not be written later. */
  public void check() {
    for (Path p : new Path[] {json, csv, markdown}) {
      if (p != null) {
        AtomicFile.checkWritable(p);
      }
    }
  }

  public void write(Supplier<String> asJson, Supplier<String> asCsv, Supplier<String> asMarkdown) {
    if (json != null) {
      AtomicFile.writeString(json, asJson.get());
    }
    if (csv != null) {
      AtomicFile.writeString(csv, asCsv.get());
    }
    if (markdown != null) {
      AtomicFile.writeString(markdown, asMarkdown.get());
    }
  }
}
