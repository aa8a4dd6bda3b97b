package io.sandbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {
  @Test
  void alignsColumnsAndRightAlignsNumbers() {
    String t =
        new MarkdownTable("runtime", "startup", "rss")
            .row("native", "12.3 ± 0.4 ms", 1024)
            .row("gvisor | runsc", "145.0 ± 9.1 ms", 52)
            .render();
    assertEquals(
        "| runtime         |        startup |  rss |\n"
            + "| --------------- | -------------: | ---: |\n"
            + "| native          |  12.3 ± 0.4 ms | 1024 |\n"
            + "| gvisor \\| runsc | 145.0 ± 9.1 ms |   52 |\n",
        t);
  }

  @Test
  void aColumnWithAnyTextStaysLeftAligned() {
    String t = new MarkdownTable("v").row("1.2").row("1.1.5+ds1").row("").render();
    assertEquals("| v         |\n| --------- |\n| 1.2       |\n| 1.1.5+ds1 |\n|           |\n", t);
  }

  @Test
  void lineBreaksInCellsBecomeSpaces() {
    assertEquals("| a   |\n| --- |\n| x y |\n", new MarkdownTable("a").row("x\ny").render());
    assertThrows(IllegalArgumentException.class, () -> new MarkdownTable("a", "b").row("x"));
  }
}
