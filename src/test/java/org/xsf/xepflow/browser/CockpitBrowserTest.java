package org.xsf.xepflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.xsf.xepflow.mail.MailOutage;
import org.xsf.xepflow.mail.MailSettings;

/** What an operator sees in Cockpit, in headless Chromium. */
class CockpitBrowserTest extends BrowserTestSupport {
  private static final List<String> PROCESSES = List.of("protoxep-submission", "xep-lifecycle", "last-call",
      "council-vote", "call-for-experience", "new-version", "council-term-end", "announcement", "namespace-registration");

  @Autowired
  MailSettings mailSettings;

  @Test
  void everyDiagramRendersWithAllItsElements() {
    Browser browser = browser();
    browser.logIn("cockpit", "admin");
    for (String key : PROCESSES) {
      ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
          .latestVersion().singleResult();
      browser.open("cockpit", "#/process-definition/" + definition.getId() + "/runtime");
      List<String> modelled = repositoryService.getBpmnModelInstance(definition.getId())
          .getModelElementsByType(FlowElement.class).stream().map(FlowElement::getId).toList();
      assertThat(browser.drawnElements(modelled)).as("elements of %s drawn in Cockpit", key).containsAll(modelled);
      browser.screenshot("cockpit-" + key);
    }
  }

  @Test
  void runningXepsShowTheirCurrentStepAndAFailedAnnouncementShowsAsAnIncident() {
    ProcessInstance lifecycle = accept("author1", "inbox/xep-ai.xml", "Standards Track");
    ProcessInstance submission = protoXepFormatAccepted("author2", "inbox/jingle-rtp-mti.xml", "Standards Track");
    Job sending = announcementJob(submission.getId());
    String announcement = sending.getProcessInstanceId();
    try (MailOutage outage = MailOutage.begin(mailSettings, mailConnector)) {
      failUntilIncident(sending.getId(), "Couldn't connect to host");
    }

    Browser browser = browser();
    browser.logIn("cockpit", "admin");
    browser.open("cockpit", "#/process-instance/" + lifecycle.getId() + "/runtime");
    for (String activity : runtimeService.getActiveActivityIds(lifecycle.getId())) {
      WebElement badge = browser.waitFor(By.cssSelector(
          ".djs-overlays[data-container-id='" + activity + "'] .instance-count"));
      assertThat(badge.getText()).isEqualTo("1");
    }
    browser.screenshot("cockpit-running-xep");

    browser.open("cockpit", "#/process-instance/" + announcement + "/runtime?tab=incidents-tab");
    browser.waitFor(By.cssSelector(".djs-overlays[data-container-id='Task_SendAnnouncement'] .badge-important"));
    browser.waitFor(By.xpath("//table//td[contains(., \"Couldn't connect to host\")]"));
    assertThat(browser.pageText()).contains("Send the announcement");
    browser.screenshot("cockpit-failed-announcement");
  }
}
