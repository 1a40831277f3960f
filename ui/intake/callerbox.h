#pragma once

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace civicdesk {

namespace Ui {
class CallerBox;
}

struct Caller;
struct CallerMatch;

// Who is calling: phone, name, email, language and how they want to hear back, the callers on
// file that match what is typed (Up, Down and Enter in the phone field choose one) and a line
// about the caller (returning, new, a problem with what was typed).
class CallerBox : public QWidget
{
    Q_OBJECT

public:
    explicit CallerBox(QWidget *parent = nullptr);
    ~CallerBox() override;

    QLineEdit *phoneEdit() const;
    QLineEdit *nameEdit() const;
    QLineEdit *emailEdit() const;
    QComboBox *languageCombo() const;
    QComboBox *preferenceCombo() const;
    QListWidget *matchList() const;
    QLabel *statusLabel() const;
    // The caller's details in the fields (the match list closes).
    void showCaller(const Caller &caller);
    // Empty fields, the first language and preference, no matches, no status.
    void clear();
    void showMatches(const QList<CallerMatch> &matches);
    void setLanguage(const QString &language);
    // The focusable controls in Tab order.
    QList<QWidget *> focusChain() const;

signals:
    // The agent chose match `row` (Enter in the phone field or on the list).
    void matchChosen(int row);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    std::unique_ptr<Ui::CallerBox> m_ui;
};

} // namespace civicdesk
