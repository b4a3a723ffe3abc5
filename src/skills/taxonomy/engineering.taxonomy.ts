import { inCategory } from '../skill-definition';

// Mechanical, electrical and controls engineering tools.
export const ENGINEERING_SKILLS = inCategory('tool', [
  { name: 'CAD', aliases: ['computer-aided design', 'computer aided design'] },
  { name: 'SolidWorks', aliases: [] },
  { name: 'Onshape', aliases: [] },
  { name: 'AutoCAD', aliases: [] },
  { name: 'Fusion 360', aliases: ['Autodesk Fusion 360'] },
  { name: 'CATIA', aliases: [] },
  { name: 'LabVIEW', aliases: [] },
  { name: 'Simulink', aliases: [], related: ['MATLAB'] },
  { name: 'TwinCAT', aliases: ['TwinCAT 3'] },
  { name: 'PLC Programming', aliases: ['PLC', 'PLCs', 'programmable logic controllers'] },
  { name: 'Structured Text', aliases: ['IEC 61131-3'] },
  { name: 'ROS', aliases: ['Robot Operating System', 'ROS2', 'ROS 2'] },
  { name: 'Arduino', aliases: [] },
  { name: 'Raspberry Pi', aliases: [] },
  { name: 'Microsoft Dynamics', aliases: ['Dynamics 365', 'MS Dynamics'] },
  { name: 'Google Maps API', aliases: ['Google Maps', 'Google Maps Platform'] },
]);
