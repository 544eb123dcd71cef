package org.xsf.xepflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class XepflowApplication {
  public static void main(String[] args) {
    SpringApplication.run(XepflowApplication.class, args);
  }
}
