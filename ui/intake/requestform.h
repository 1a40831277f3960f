#pragma once

#include "models/domain/servicetype.h"
#include "models/domain/text/formvalidation.h"

#include <QWidget>
#include <memory>

class QFormLayout;
class QLabel;

namespace civicdesk {

namespace Ui {
class RequestForm;
}

// The questions of one request type, generated from its Open311 service definition: a field per
// attribute in `order` (line edits for string/number/datetime, a text box for text, a combo box
// for singlevaluelist, check boxes for multivaluelist), `variable=false` text shown as the
// agent's script, required marks, hints from `datatype_description`, Boston's dependencies
// honoured as answers change, and inline errors that name the field and the problem.
class RequestForm : public QWidget
{
    Q_OBJECT

public:
    explicit RequestForm(QWidget *parent = nullptr);
    ~RequestForm() override;

    void setType(const ServiceType &type);
    const ServiceType &type() const { return m_type; }
    Answers answers() const;
    void setAnswers(const Answers &answers);
    // Shows the problems inline and focuses the first one; true when there are none.
    bool validate();
    QWidget *firstField() const;
    // The focusable editors in question order (a check box per choice of a multiple choice).
    QList<QWidget *> focusChain() const;
    void clear();

signals:
    void answersChanged();

private:
    struct Field
    {
        ServiceAttribute attribute;
        QLabel *label = nullptr;
        QWidget *editor = nullptr;
        QLabel *error = nullptr;
    };
    QWidget *makeEditor(const ServiceAttribute &attribute);
    QStringList valuesOf(const Field &field) const;
    void updateVisibility();

    std::unique_ptr<Ui::RequestForm> m_ui;
    ServiceType m_type;
    QFormLayout *m_layout = nullptr;
    QList<Field> m_fields;
};

} // namespace civicdesk
