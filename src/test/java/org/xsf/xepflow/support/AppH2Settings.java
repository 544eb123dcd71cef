package org.xsf.xepflow.support;

import java.io.IOException;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;

/** The settings of the app's own H2 address (application.yaml), from its first ";", for H2 databases elsewhere. */
public final class AppH2Settings {
  private AppH2Settings() {
  }

  public static String of() throws IOException {
    String url = new YamlPropertySourceLoader().load("app", new ClassPathResource("application.yaml")).get(0)
        .getProperty("spring.datasource.url").toString();
    return url.substring(url.indexOf(';'));
  }
}
