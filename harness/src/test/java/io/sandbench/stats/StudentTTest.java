package io.sandbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudentTTest {
  // Reference values from scipy.stats.t 1.17.1 (ppf(0.975), ppf(0.995), cdf(1.5)).
  @ParameterizedTest
  @CsvSource({
    "1, 12.706204736174694, 63.656741162871526, 0.8128329581890011",
    "2, 4.302652729749462, 9.924843200918287, 0.8638034375544994",
    "3, 3.1824463052837078, 5.840909309733355, 0.8847080673775886",
    "4, 2.7764451051977934, 4.604094871349992, 0.896",
    "5, 2.5705818356363146, 4.032142983555228, 0.9030481598787634",
    "9, 2.262157162798205, 3.249835541592126, 0.9160746719714625",
    "10, 2.228138851986274, 3.16927267261695, 0.9177463367772799",
    "29, 2.045229642132703, 2.756385903670605, 0.9277881519798071",
    "30, 2.0422724563012378, 2.7499956535672254, 0.927967035435677",
    "100, 1.9839715185235518, 2.6258905214380173, 0.9316174709376556",
    "1000, 1.9623390808264083, 2.580754698065951, 0.9330349805889568",
  })
  void matchesScipy(int df, double q975, double q995, double cdf15) {
    assertEquals(q975, StudentT.quantile(0.975, df), 1e-9 * q975);
    assertEquals(q995, StudentT.quantile(0.995, df), 1e-9 * q995);
    assertEquals(-q975, StudentT.quantile(0.025, df), 1e-9 * q975);
    assertEquals(q975, StudentT.critical(0.95, df), 1e-9 * q975);
    assertEquals(cdf15, StudentT.cdf(1.5, df), 1e-12);
    assertEquals(1 - cdf15, StudentT.cdf(-1.5, df), 1e-12);
  }

  @ParameterizedTest
  @CsvSource({"0", "1", "-0.1", "1.5"})
  void refusesProbabilitiesOutsideTheOpenUnitInterval(double p) {
    assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(p, 5));
  }

  @ParameterizedTest
  @CsvSource({"0", "-1"})
  void refusesNonPositiveDegreesOfFreedom(double df) {
    assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(0.9, df));
  }
}
