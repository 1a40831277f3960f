#include "ui/common/dockbody.h"

#include <QResizeEvent>
#include <utility>

namespace civicdesk {

DockBody::DockBody(QWidget *panel, QWidget *parent) : QWidget(parent)
{
    adopt(panel);
}

DockBody::DockBody(MakePanel make, QWidget *parent) : QWidget(parent), m_make(std::move(make)) {}

void DockBody::adopt(QWidget *panel)
{
    m_panel = panel;
    m_panel->setParent(this);
    setFocusProxy(m_panel);
    setSizePolicy(m_panel->sizePolicy());
    m_panel->setGeometry(rect());
}

QWidget *DockBody::panel()
{
    if (!m_panel && m_make) {
        adopt(std::exchange(m_make, {})(this));
        // Hidden until the dock shows it (a panel asked for while its dock is closed stays so).
        m_panel->setVisible(false);
        updateGeometry();
    }
    return m_panel;
}

QSize DockBody::sizeHint() const
{
    return m_panel ? m_panel->sizeHint() : QWidget::sizeHint();
}

QSize DockBody::minimumSizeHint() const
{
    return m_panel ? m_panel->minimumSizeHint().expandedTo(m_panel->minimumSize())
                   : QWidget::minimumSizeHint();
}

void DockBody::showPanel(bool visible)
{
    if (!visible && !m_panel)
        return;
    QWidget *shown = panel();
    shown->setVisible(visible);
    if (visible)
        shown->setGeometry(rect());
}

void DockBody::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (m_panel)
        m_panel->setGeometry(rect());
}

} // namespace civicdesk
