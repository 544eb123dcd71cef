package org.xsf.xepflow.engine;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;

/**
 * Input refused by a step (a document the format check cannot take, a decision for a XEP that is not
 * waiting for it, a -1 without reasons) fails its command, and the engine logged every one as an error
 * of the server with its whole stack (ENGINE-16004, some 200 lines), so that a user's slip read like an
 * outage in the operators' log. The engine logs its own bad requests at debug: these go with them. They
 * cannot be the engine's own BadUserRequestException, which engine-rest answers with 500 when a start
 * form fails; a task listener's refusal arrives wrapped in the engine's exception.
 */
final class RefusedInputLoggedAsBadRequest extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    CommandContextFactory factory = new CommandContextFactory() {
      @Override
      public CommandContext createCommandContext() {
        return new CommandContext(processEngineConfiguration) {
          @Override
          protected boolean shouldLogFine(Throwable failure) {
            return super.shouldLogFine(failure) || Refusals.in(failure).isPresent();
          }
        };
      }
    };
    if (configuration.getCommandContextFactory() != null) {
      throw new IllegalStateException("Another plugin has set the engine's command context factory already");
    }
    // the engine gives its configuration only to a factory of its own making
    factory.setProcessEngineConfiguration(configuration);
    configuration.setCommandContextFactory(factory);
  }
}
