#pragma once

#include <QFrame>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace civicdesk {

namespace Ui {
class WrapUpBox;
}

// The end of a contact: how it ended (no default: the outcome follows what happened, or the
// agent chooses it), where the caller was transferred, notes, a message about the wrap-up, and
// Finish.
class WrapUpBox : public QFrame
{
    Q_OBJECT

public:
    explicit WrapUpBox(QWidget *parent = nullptr);
    ~WrapUpBox() override;

    QComboBox *outcomeCombo() const;
    QLineEdit *transferEdit() const;
    QPlainTextEdit *notesEdit() const;
    QLabel *messageLabel() const;
    QPushButton *finishButton() const;
    // The focusable controls in Tab order.
    QList<QWidget *> focusChain() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    std::unique_ptr<Ui::WrapUpBox> m_ui;
};

} // namespace civicdesk
