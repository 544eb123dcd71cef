package org.xsf.xepflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The figures of one benchmark run: printed as they come, written as a Markdown table at the end. */
final class Results {
  private record Row(String figure, String db, String value, String baseline, String ratio, String target) {
  }

  private final List<Row> rows = new ArrayList<>();

  /** A figure with its baseline; the ratio is ours / baseline, checked against the target ratio (0: none). */
  void add(String figure, String db, double ours, double baseline, String unit, double targetRatio) {
    double ratio = ours / baseline;
    String target = targetRatio == 0 ? "" : String.format("<= %.1fx: %s", targetRatio, ratio <= targetRatio ? "met" : "MISSED");
    add(new Row(figure, db, format(ours, unit), format(baseline, unit), String.format("%.2fx", ratio), target));
  }

  /** A figure without a baseline, checked against an absolute limit (0: none). */
  void add(String figure, String db, double value, String unit, double limit) {
    String target = limit == 0 ? "" : String.format("< %s: %s", format(limit, unit), value < limit ? "met" : "MISSED");
    add(new Row(figure, db, format(value, unit), "", "", target));
  }

  private void add(Row row) {
    rows.add(row);
    System.out.printf("%-60s %-9s %12s %12s %8s %s%n", row.figure, row.db, row.value, row.baseline, row.ratio, row.target);
  }

  void write(Path file, String machine) throws IOException {
    StringBuilder md = new StringBuilder("Benchmarks of " + LocalDate.now() + " on " + machine + "\n\n"
        + "| figure | database | xepflow | baseline | ratio | target |\n| --- | --- | --- | --- | --- | --- |\n");
    rows.forEach(r -> md.append(String.join(" | ", "| " + r.figure, r.db, r.value, r.baseline, r.ratio, r.target)).append(" |\n"));
    Files.createDirectories(file.getParent());
    Files.writeString(file, md);
  }

  private static String format(double value, String unit) {
    return switch (unit) {
      case "ms" -> String.format("%.1f ms", value);
      case "s" -> String.format("%.1f s", value);
      case "MiB" -> String.format("%.0f MiB", value);
      case "per call" -> String.format("%.1f", value);
      default -> String.format("%.0f %s", value, unit).trim();
    };
  }
}
