package com.attest.exercise.web;

import com.attest.exercise.Exercise;
import com.attest.exercise.ExerciseService;
import com.attest.security.AuditorRoutes.Dating;
import com.attest.security.AuditorRoutes;
import com.attest.security.AuditorRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** An auditor reads the exercises held in their periods (the list narrows itself). */
@ApplicationScoped
public class ExerciseAuditorRules implements AuditorRules {

    @Inject
    private ExerciseService exercises;

    @Override
    public void declare(AuditorRoutes routes) {
        Dating held = Dating.at(id -> Dating.number(id).flatMap(exercises::find).map(Exercise::getHeldAt));
        routes.page("/exercises/list.xhtml")
                .recordPage("/exercises/view.xhtml", "id", held)
                .recordApi("/api/exercises/(\\d+)(?:/.*)?", held);
    }
}
