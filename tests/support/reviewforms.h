#pragma once

// A small published-form shape for the review suites that go through a real server: one section,
// a yes/no question ("greeting") and a 1–5 scale ("courtesy").

#include "models/domain/supervision/evaluationform.h"

namespace civicdesk::test {

inline EvaluationForm twoQuestionForm(const QString &id, const QString &title)
{
    FormQuestion greeting;
    greeting.id = QStringLiteral("greeting");
    greeting.text = QStringLiteral("Greeted the caller");
    FormQuestion courtesy;
    courtesy.id = QStringLiteral("courtesy");
    courtesy.text = QStringLiteral("Courtesy");
    courtesy.kind = FormQuestion::Kind::Scale;
    courtesy.scaleMax = 5;
    EvaluationForm form;
    form.id = id;
    form.version = 1;
    form.title = title;
    form.sections = {
        FormSection{QStringLiteral("all"), QStringLiteral("All"), 1, {greeting, courtesy}}};
    return form;
}

} // namespace civicdesk::test
