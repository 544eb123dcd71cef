package org.xsf.xepflow.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.xsf.xepflow.lifecycle.LifecycleTestSupport;

/**
 * Browser tests against the app the shared test context runs on a real port (H2, demo users):
 * people do their steps in Tasklist and Cockpit; time passes and jobs run through the engine, as
 * in the other process tests.
 */
abstract class BrowserTestSupport extends LifecycleTestSupport {
  private static Browser browser;

  @LocalServerPort
  int port;
  @Value("${xepflow.demo.password}")
  String password;

  @RegisterExtension
  final TestWatcher screenshotOnFailure = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (browser != null) {
        browser.saveFailure(context.getRequiredTestMethod().getName());
      }
    }
  };

  @BeforeEach
  void openBrowser() {
    if (browser == null) {
      browser = new Browser("http://localhost:" + port, processEngine.getName(), password);
    }
  }

  protected Browser browser() {
    return browser;
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
  }
}
