#pragma once

#include <QObject>

class QLabel;
class QWidget;

namespace civicdesk {

class FocusFollower;

// Where the intake's messages go: next to the field they are about (the caller's line for the
// caller's fields, the wrap-up's for its own, under Submit otherwise), with the view showing the
// message. A new error clears the error shown elsewhere, so only one is ever on screen.
class IntakeMessages : public QObject
{
    Q_OBJECT

public:
    struct Place
    {
        QWidget *area; // a message about a field inside it goes to `label`
        QLabel *label;
    };
    // `general`: the line under Submit, for everything not about one of `places`.
    IntakeMessages(QLabel &general, QList<Place> places, FocusFollower &follower,
                   QObject *parent = nullptr);

    void show(const QString &text, bool error, QWidget *about = nullptr);
    // Every message line is empty.
    void clear();

private:
    QList<QLabel *> labels() const;
    static void reset(QLabel *label);

    QLabel &m_general;
    QList<Place> m_places;
    FocusFollower &m_follower;
};

} // namespace civicdesk
