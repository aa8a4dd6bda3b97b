package io.sandbench.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Outliers by the modified z-score of Iglewicz and Hoaglin, with hyperfine's threshold: a sample is
 * an outlier when it lies more than {@value #THRESHOLD} robust standard deviations from the median,
 * the robust standard deviation being 1.4826 × MAD (median absolute deviation). The median and the
 * MAD are not dragged by the outliers themselves, unlike the mean and s.
 *
 * <p>When the MAD is 0 (more than half the samples are equal) every sample that differs from the
 * median is an outlier, as in hyperfine.
 *
 * @param indices positions (in the given order) of the outlying samples, ascending
 * @param scores the modified z-score of every sample, (x - median) / (1.4826 × MAD); ±infinity when
 *     the MAD is 0 and the sample differs from the median
 * @param warning an empty string when there is no outlier, else one sentence for the user
 */
public record Outliers(List<Integer> indices, List<Double> scores, String warning) {

  /** Robust standard deviations from the median beyond which a sample is an outlier. */
  public static final double THRESHOLD = 10.0;

  /** 1/Φ⁻¹(3/4): turns the MAD into an estimate of the standard deviation for normal data. */
  public static final double MAD_TO_SIGMA = 1.4826;

  public Outliers {
    indices = List.copyOf(indices);
    scores = List.copyOf(scores);
  }

  /**
   * Finds the outliers among {@code samples}.
   *
   * @throws IllegalArgumentException when there are no samples or one is NaN or infinite
   */
  public static Outliers of(double[] samples) {
    double[] sorted = Samples.sortedCopy(samples, "outliers");
    double median = Percentile.ofSorted(sorted, 50);
    double[] dev = new double[samples.length];
    for (int i = 0; i < samples.length; i++) {
      dev[i] = Math.abs(samples[i] - median);
    }
    double sigma = MAD_TO_SIGMA * Percentile.of(dev, 50);
    List<Integer> idx = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < samples.length; i++) {
      double d = samples[i] - median;
      double z = d == 0 ? 0 : sigma > 0 ? d / sigma : Math.copySign(Double.POSITIVE_INFINITY, d);
      scores.add(z);
      if (Math.abs(z) > THRESHOLD) {
        idx.add(i);
      }
    }
    return new Outliers(idx, scores, warningFor(idx.size(), samples.length));
  }

  /** Whether any sample is an outlier. */
  public boolean any() {
    return !indices.isEmpty();
  }

  private static String warningFor(int outliers, int n) {
    if (outliers == 0) {
      return "";
    }
    return outliers
        + " of "
        + n
        + " samples are statistical outliers (more than "
        + (int) THRESHOLD
        + " robust standard deviations from the median): another program probably interfered;"
        + " re-run on a quiet machine, or add warm-up iterations or a longer cool-down.";
  }
}
