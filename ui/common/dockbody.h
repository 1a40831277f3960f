#pragma once

#include <QWidget>

namespace civicdesk {

// What a dock widget holds: one panel, filling it. A panel tabbed behind another is hidden (so Tab
// never lands in an area the agent cannot see, and the map starts only when it is looked at); a
// dock whose own widget is hidden shrinks its maximum size to its title bar, which pins every dock
// in its tab group and the whole column at their minimum sizes. This body stays visible with the
// panel's sizes, whether the panel is shown or not.
class DockBody : public QWidget
{
public:
    explicit DockBody(QWidget *panel, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    void showPanel(bool visible);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *m_panel;
};

} // namespace civicdesk
