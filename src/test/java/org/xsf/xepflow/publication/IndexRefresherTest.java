package org.xsf.xepflow.publication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the next rebuild of the site index starts (times in milliseconds). */
class IndexRefresherTest {
  private static final long INTERVAL = 1_000;

  @Test
  void aChangeAfterAQuietSpellIsIndexedAtOnce() {
    assertThat(IndexRefresher.delay(0, 0, INTERVAL, 60_000)).isZero();
    assertThat(IndexRefresher.delay(50_000, 300, INTERVAL, 60_000)).isZero();
  }

  @Test
  void quickRebuildsFollowEachOtherAnIntervalApart() {
    assertThat(IndexRefresher.delay(10_000, 20, INTERVAL, 10_020)).isEqualTo(980);
  }

  @Test
  void slowRebuildsTakeATenthOfTheTimeAtMost() {
    // a rebuild of 300 ms that began at 10 s: the next one at 13 s
    assertThat(IndexRefresher.delay(10_000, 300, INTERVAL, 10_300)).isEqualTo(2_700);
  }
}
