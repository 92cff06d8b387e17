package dev.hallway.fetch;

/**
 * What autodiscovery found out during one fetch.
 *
 * @param pageUrl the HTML page the feed was looked for on
 * @param feedUrl the feed to poll from now on (unchanged when looking again found nothing better)
 * @param note    one line for /sources: which feed was chosen among those advertised, and why
 */
public record Discovery(String pageUrl, String feedUrl, String note) {
}
