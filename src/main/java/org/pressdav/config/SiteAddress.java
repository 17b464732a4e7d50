package org.pressdav.config;

import okhttp3.HttpUrl;

/**
 * One site of {@code --site NAME=URL}: its folder's name under {@code sites/}, the site's home URL, and where pressdav
 * reaches it when its own network names it otherwise (null: at its URL).
 */
public record SiteAddress(String name, HttpUrl url, HttpUrl connectUrl) {
}
