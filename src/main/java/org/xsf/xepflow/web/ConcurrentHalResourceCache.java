package org.xsf.xepflow.web;

import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.rest.hal.cache.DefaultHalResourceCache;

/**
 * Camunda's HAL relation cache on a map that concurrent requests may share: Camunda's own keeps its
 * entries in a plain HashMap, which every Tasklist request reads and writes without a lock.
 * Named in the cache settings of application.yaml; Camunda instantiates it by its class name.
 */
public class ConcurrentHalResourceCache extends DefaultHalResourceCache {

  public ConcurrentHalResourceCache() {
    cache = new ConcurrentHashMap<>();
  }
}
