-- Feed autodiscovery: a feeds.yaml url may be a blog's home page. The feed found on it becomes source.url (later polls
-- go straight to it); page_url is the page it was found on, so a feed that starts answering 404 or 410 is looked for
-- again there. discovery says which of the advertised feeds was chosen and why (or why looking again failed).
ALTER TABLE source ADD COLUMN page_url VARCHAR(2048);
ALTER TABLE source ADD COLUMN discovery VARCHAR(2048);
