package org.xsf.xepflow.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.engine.InvalidInputException;
import org.xsf.xepflow.identity.Actor;
import org.xsf.xepflow.registry.Implementation;
import org.xsf.xepflow.registry.ImplementationRepository;
import org.xsf.xepflow.registry.Xep;

/** Records an implementation the Editor entered after a Call for Experience. */
@Component("recordImplementation")
public class RecordImplementation implements TaskListener {
  private final ImplementationRepository implementations;

  public RecordImplementation(ImplementationRepository implementations) {
    this.implementations = implementations;
  }

  @Override
  public void notify(DelegateTask task) {
    if (!Boolean.TRUE.equals(task.getVariable("implementationPresented"))) {
      return;
    }
    String name = (String) task.getVariable("implementationName");
    String licence = (String) task.getVariable("implementationLicence");
    if (name == null || name.isBlank() || licence == null || licence.isBlank()) {
      throw new InvalidInputException("An implementation needs a name and a licence.");
    }
    InvalidInputException.atMost("The implementation's name", name.trim(), Implementation.NAME);
    InvalidInputException.atMost("The implementation's licence", licence.trim(), Implementation.LICENCE);
    int xep = new LifecycleVariables(task).xepNumber();
    // the same software recorded twice would count twice toward the two implementations
    if (implementations.existsByXepNumberAndNameIgnoreCase(xep, name.trim())) {
      throw new InvalidInputException("\"" + name.trim() + "\" is already recorded as an implementation of "
          + Xep.label(xep) + ": each counts once.");
    }
    implementations.save(new Implementation(xep, name.trim(),
        licence.trim(), Boolean.TRUE.equals(task.getVariable("implementationOpenSource")),
        Actor.current(), ClockUtil.getCurrentTime().toInstant()));
  }
}
