package dev.hallway.conference;

/**
 * The catalogue or the classifier in force changed (a feeds.yaml edit, a new release): stored entries are to be
 * classified again. Fired synchronously, so the store's reclassification has run when the edit's apply returns.
 *
 * @param version names the catalogue, the classifier and the feeds' hints; equal versions classify alike
 * @param series  how many series the catalogue holds, for the log
 */
public record CatalogueChanged(String version, int series) {
}
