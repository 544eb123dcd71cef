package org.xsf.xepflow.lifecycle;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.registry.Implementation;
import org.xsf.xepflow.registry.ImplementationRepository;

/**
 * "Assess the implementations" (XEP-0001 section 8.1): at least two implementations, at least one
 * of them free or open source. The numbers are fields in the diagram.
 */
// Prototype: the engine injects the diagram's fields into the instance it is given.
@Component("assessImplementations")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class AssessImplementations implements JavaDelegate {
  private final ImplementationRepository implementations;
  private Expression minimum;
  private Expression minimumFreeOrOpenSource;

  public AssessImplementations(ImplementationRepository implementations) {
    this.implementations = implementations;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<Implementation> known = implementations.findByXepNumberOrderById(
        new LifecycleVariables(execution).xepNumber());
    long free = known.stream().filter(Implementation::isFreeOrOpenSource).count();
    execution.setVariable("implementationCount", known.size());
    execution.setVariable("enoughImplementations",
        known.size() >= number(minimum, execution) && free >= number(minimumFreeOrOpenSource, execution));
  }

  private static int number(Expression field, DelegateExecution execution) {
    return Integer.parseInt(String.valueOf(field.getValue(execution)));
  }

  public void setMinimum(Expression minimum) {
    this.minimum = minimum;
  }

  public void setMinimumFreeOrOpenSource(Expression minimumFreeOrOpenSource) {
    this.minimumFreeOrOpenSource = minimumFreeOrOpenSource;
  }
}
