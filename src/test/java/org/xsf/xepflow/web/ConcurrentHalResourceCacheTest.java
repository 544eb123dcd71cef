package org.xsf.xepflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.rest.hal.cache.DefaultHalResourceCache;
import org.junit.jupiter.api.Test;

/** Requests share the HAL caches: writers past the capacity, each evicting, while others read. */
class ConcurrentHalResourceCacheTest {

  @Test
  void concurrentRequestsNeitherFailNorLoseWhatTheyJustCached() throws Exception {
    DefaultHalResourceCache cache = new ConcurrentHalResourceCache();
    cache.setCapacity(100);
    cache.setSecondsToLive(600);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> found = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        found.add(threads.submit(() -> {
          int hits = 0;
          for (int i = 0; i < 20_000; i++) {
            String id = thread + "-" + i;
            cache.put(id, id);
            hits += id.equals(cache.get(id)) ? 1 : 0;
          }
          return hits;
        }));
      }
      for (Future<Integer> hits : found) {
        // an entry just put may be evicted by another thread's put, but never corrupted
        assertThat(hits.get()).isPositive();
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(cache.size()).isLessThanOrEqualTo(100 + 8);
  }
}
