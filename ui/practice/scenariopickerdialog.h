#pragma once

#include "models/practice/scenarios/scenarioloader.h"

#include <QDialog>

class QLabel;
class QListWidget;

namespace civicdesk {

// Picks the scenario of a practice call: title, language and target time per line; the
// problems of scenarios that could not be loaded are listed below (file, scenario, field).
class ScenarioPickerDialog : public QDialog
{
    Q_OBJECT

public:
    ScenarioPickerDialog(const ScenarioSet &set, QWidget *parent = nullptr);
    // The chosen scenario's index in the set, or -1.
    int chosen() const;
    QListWidget *list() const { return m_list; }

private:
    QListWidget *m_list;
    QLabel *m_problems;
};

} // namespace civicdesk
