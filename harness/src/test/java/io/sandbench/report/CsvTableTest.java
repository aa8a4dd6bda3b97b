package io.sandbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTableTest {
  @Test
  void quotesOnlyWhatMustBeQuoted() {
    String csv = new CsvTable(List.of("runtime", "note")).row("runc", "a, b").row("crun", "say \"hi\"").row("x", "two\nlines").render();
    assertEquals("runtime,note\r\nrunc,\"a, b\"\r\ncrun,\"say \"\"hi\"\"\"\r\nx,\"two\nlines\"\r\n", csv);
  }

  @Test
  void nullIsEmptyAndWrongWidthIsRefused() {
    assertEquals("a,b\r\n,1\r\n", new CsvTable(List.of("a", "b")).row(null, 1).render());
    assertThrows(IllegalArgumentException.class, () -> new CsvTable(List.of("a", "b")).row("only one"));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void roundTripsAwkwardFields(long seed) {
    Random rng = new Random(seed);
    String alphabet = "ab ,\"\n\r;|é€1";
    List<String> header = List.of("c1", "c2", "c3");
    CsvTable t = new CsvTable(header);
    List<List<String>> expected = new ArrayList<>();
    expected.add(header);
    for (int r = 0; r < 20; r++) {
      List<String> row = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        StringBuilder sb = new StringBuilder();
        int len = rng.nextInt(8);
        for (int i = 0; i < len; i++) {
          sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        row.add(sb.toString());
      }
      t.row(row);
      expected.add(row);
    }
    assertEquals(expected, CsvTable.parse(t.render()));
  }

  @Test
  void unterminatedQuoteIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("a,\"b\r\n"));
  }
}
