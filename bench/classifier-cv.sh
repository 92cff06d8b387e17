#!/usr/bin/env bash
# Leave-one-blog-out cross-validation of the conference classifier over every labelled post in the test resources
# (labelled/shared = ../shared/labelled-posts, labelled/extra = our own, fixtures/real-posts.yaml, the seeds):
# for each blog, fit the report model on all the other blogs, classify that blog's posts. Prints precision, recall
# and exact edition overall, per language, per set and per blog, and the worst mistakes.
#   bench/classifier-cv.sh            # the ten worst mistakes
#   bench/classifier-cv.sh --all      # every mistake
# Also times classification of every labelled post with the shipped model (the cost a poll pays per post).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec java -cp "target/classes:target/test-classes:$(cat target/test-classpath.txt)" dev.hallway.conference.CrossValidation "$@"
