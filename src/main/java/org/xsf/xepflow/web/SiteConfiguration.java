package org.xsf.xepflow.web;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the published site folder: the XEPs at /extensions/ (index.html for the folder itself), the
 * XMPP Registrar's registries at /registrar/.
 */
@Configuration
public class SiteConfiguration implements WebMvcConfigurer {
  private final Path siteDir;

  public SiteConfiguration(@Value("${xepflow.site.dir}") Path siteDir) {
    this.siteDir = siteDir;
  }

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/extensions", "/extensions/");
    registry.addViewController("/extensions/").setViewName("forward:/extensions/index.html");
  }

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/extensions/**")
        .addResourceLocations(folder("extensions"), "classpath:/org/xsf/xepflow/publication/site/");
    registry.addResourceHandler("/registrar/**").addResourceLocations(folder("registrar"));
  }

  private String folder(String name) {
    // A folder location must end with a slash; toUri() adds one only to folders that exist yet.
    return siteDir.resolve(name).toAbsolutePath().toUri().toString().replaceAll("/?$", "/");
  }
}
