#pragma once

#include <QWidget>
#include <functional>

namespace civicdesk {

// What a dock widget holds: one panel, filling it. A panel tabbed behind another is hidden (so Tab
// never lands in an area the agent cannot see, and the map starts only when it is looked at); a
// dock whose own widget is hidden shrinks its maximum size to its title bar, which pins every dock
// in its tab group and the whole column at their minimum sizes. This body stays visible with the
// panel's sizes, whether the panel is shown or not.
class DockBody : public QWidget
{
public:
    using MakePanel = std::function<QWidget *(QWidget *parent)>;

    explicit DockBody(QWidget *panel, QWidget *parent = nullptr);
    // A panel made the first time it is shown or asked for: an area most agents never open (the
    // lobby counter at a call-taker's desk) costs nothing when the window starts.
    explicit DockBody(MakePanel make, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    void showPanel(bool visible);
    // The panel, made now if it was not yet.
    QWidget *panel();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void adopt(QWidget *panel);

    MakePanel m_make;
    QWidget *m_panel = nullptr;
};

} // namespace civicdesk
