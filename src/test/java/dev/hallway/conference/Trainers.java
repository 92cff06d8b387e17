package dev.hallway.conference;

import java.util.List;

/** The classifiers cross-validation compares. */
final class Trainers {

    private Trainers() {
    }

    /** The report model, fitted on the training posts of each fold (features are computed once per post). */
    static CrossValidation.Trainer model() {
        ReportModelTrainer trainer = new ReportModelTrainer(Catalogue.of(Catalogue.builtIn(), List.of()));
        return training -> {
            ReportModel model = trainer.train(training, "fold");
            return post -> trainer.classify(post, model);
        };
    }
}
