package org.xsf.xepflow.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionManager;

/**
 * Message subscriptions deleted without looking for the job of an event delivered to them
 * asynchronously. The engine delivers only signals and compensation that way; a message is always
 * correlated in the caller's transaction, so no such job can exist. The engine looked anyway: a
 * statement for every message event a process stops waiting at (three in every deferral: the
 * author's new version or retraction, and the Council's decision).
 */
final class MessageSubscriptionsWithoutJobs extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomSessionFactories(PluginLists.with(configuration.getCustomSessionFactories(), new Factory()));
  }

  /** Replaces the engine's factory of event subscription managers, which is keyed by this type. */
  private static final class Factory implements SessionFactory {
    @Override
    public Class<?> getSessionType() {
      return EventSubscriptionManager.class;
    }

    @Override
    public Session openSession() {
      return new Manager();
    }
  }

  private static final class Manager extends EventSubscriptionManager {
    @Override
    public void deleteEventSubscription(EventSubscriptionEntity subscription) {
      if (subscription.isSubscriptionForEventType(EventType.MESSAGE)) {
        getDbEntityManager().delete(subscription);
      } else {
        super.deleteEventSubscription(subscription);
      }
    }
  }
}
