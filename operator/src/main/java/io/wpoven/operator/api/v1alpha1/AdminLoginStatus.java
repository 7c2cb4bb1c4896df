package io.wpoven.operator.api.v1alpha1;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * How the site owner signs in to WordPress: the login page, the administrator the operator installed, and where
 * the password is (never the password itself).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdminLoginStatus {
    @JsonPropertyDescription("The WordPress login page.")
    private String loginUrl;

    @JsonPropertyDescription("The administrator the operator installed WordPress with.")
    private String username;

    @JsonPropertyDescription("The Secret in the site's namespace that holds the administrator's password.")
    private String passwordSecret;

    @JsonPropertyDescription("The key of that Secret: kubectl get secret <passwordSecret> -o jsonpath='{.data.<key>}' | base64 -d")
    private String passwordKey;

    public AdminLoginStatus() {
    }

    public AdminLoginStatus(String loginUrl, String username, String passwordSecret, String passwordKey) {
        this.loginUrl = loginUrl;
        this.username = username;
        this.passwordSecret = passwordSecret;
        this.passwordKey = passwordKey;
    }

    public String getLoginUrl() {
        return loginUrl;
    }

    public void setLoginUrl(String loginUrl) {
        this.loginUrl = loginUrl;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPasswordSecret() {
        return passwordSecret;
    }

    public void setPasswordSecret(String passwordSecret) {
        this.passwordSecret = passwordSecret;
    }

    public String getPasswordKey() {
        return passwordKey;
    }

    public void setPasswordKey(String passwordKey) {
        this.passwordKey = passwordKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AdminLoginStatus a && Objects.equals(loginUrl, a.loginUrl)
                && Objects.equals(username, a.username) && Objects.equals(passwordSecret, a.passwordSecret)
                && Objects.equals(passwordKey, a.passwordKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loginUrl, username, passwordSecret, passwordKey);
    }
}
