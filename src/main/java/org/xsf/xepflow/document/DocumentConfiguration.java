package org.xsf.xepflow.document;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class DocumentConfiguration {

  @Bean
  XepDocumentChecker xepDocumentChecker(@Value("${xepflow.document.max-bytes}") long maxBytes) {
    return new XepDocumentChecker(maxBytes);
  }
}
