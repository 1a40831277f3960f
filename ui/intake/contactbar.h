#pragma once

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;

namespace civicdesk {

namespace Ui {
class ContactBar;
}

// The contact's row: its channel, Start and End, the running time, and (with a phone connected)
// the call's state with Answer (Ctrl+Shift+P), Hang up (Ctrl+Shift+H), Transfer (Ctrl+Shift+T)
// and Dial (Ctrl+Shift+D), which work wherever the agent is typing in the window.
class ContactBar : public QWidget
{
    Q_OBJECT

public:
    explicit ContactBar(QWidget *parent = nullptr);
    ~ContactBar() override;

    QComboBox *channelCombo() const;
    QPushButton *startButton() const;
    QLabel *timerLabel() const;
    QPushButton *endButton() const;
    QWidget *callRow() const;
    QLabel *callLabel() const;
    QPushButton *answerButton() const;
    QPushButton *hangUpButton() const;
    QPushButton *transferButton() const;
    QPushButton *dialButton() const;
    // The focusable controls in Tab order.
    QList<QWidget *> focusChain() const;

signals:
    // A call command's shortcut was pressed while its button is disabled: why (its tooltip).
    void commandUnavailable(const QString &reason);
    // Text typed while Start has the focus (the caller's number, typed as the call comes in):
    // the contact is to start with it, so no key the agent typed is lost.
    void typedToStart(const QString &text);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslate();

    std::unique_ptr<Ui::ContactBar> m_ui;
};

} // namespace civicdesk
