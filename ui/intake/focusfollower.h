#pragma once

#include <QObject>

class QComboBox;
class QScrollArea;
class QWidget;

namespace civicdesk {

// Keeps what the agent works on inside a scroll area on screen: the view follows the focus (a
// generated question with its message under it), shows a widget and a message together, and
// the mouse wheel scrolls the form instead of changing an unfocused list's answer.
class FocusFollower : public QObject
{
    Q_OBJECT

public:
    // `unit`: a widget whose direct children are shown whole when one of their own children
    // has the focus (the questions of a request form).
    FocusFollower(QScrollArea &scroll, QWidget *unit = nullptr);

    // Shows the whole widget (and the focused field too when the two do not fit together);
    // again once the layout has run, for widgets just shown.
    void ensureVisible(QWidget *widget);
    // The wheel over `combo` scrolls the view unless the list has the focus.
    void guardWheel(QComboBox *combo);
    void setUnit(QWidget *unit) { m_unit = unit; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void follow(QWidget *now);
    void showWhole(QWidget *widget);

    QScrollArea &m_scroll;
    QWidget *m_unit;
};

} // namespace civicdesk
