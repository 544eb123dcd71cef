package org.xsf.xepflow.security;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** HTTP Basic logins are the Camunda users; their Camunda groups become authorities. */
@Component
public class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {
  private final IdentityService identityService;

  public CamundaIdentityAuthenticationProvider(IdentityService identityService) {
    this.identityService = identityService;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName();
    Object password = authentication.getCredentials();
    if (password == null || !identityService.checkPassword(user, password.toString())) {
      throw new BadCredentialsException("Wrong user name or password");
    }
    List<SimpleGrantedAuthority> groups = identityService.createGroupQuery().groupMember(user).list()
        .stream().map(Group::getId).map(SimpleGrantedAuthority::new).toList();
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
